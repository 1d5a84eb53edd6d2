/** Settings from the environment, read in one place. */
// @ts-nocheck

export interface Config {
  port: number;
  /** Address the server binds to: loopback unless HOST says otherwise (a proxy or a container in front). */
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** pino level of the server's JSON log (LOG_LEVEL): `info` by default, `silent` to turn it off. */
  logLevel: string;
  /**
   * Fastify's trustProxy (TRUST_PROXY): off by default, so X-Forwarded-Proto/-For are ignored;
   * `true`, a hop count or a list of proxy addresses when Veta runs behind a TLS proxy.
   */
  trustProxy: boolean | number | string;
  /** Origins besides the server's own whose pages may send state-changing requests (VETA_ALLOWED_ORIGINS, comma-separated). */
  allowedOrigins: string[];
  /** Bytes the public answer cache may hold (VETA_PUBLIC_CACHE_MB, default 64). */
  publicCacheBytes: number;
  /** Minutes between signed audit checkpoints written by the server (VETA_AUDIT_CHECKPOINT_MINUTES, default 60; 0: none). */
  auditCheckpointMinutes: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function trustProxy(raw: string | undefined): boolean | number | string {
  if (!raw || raw === 'false' || raw === '0') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

const positive = (raw: string | undefined, fallback: number): number => {
  const n = Number(raw);
  return raw !== undefined && raw !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const level = (env['LOG_LEVEL'] ?? 'info').toLowerCase();
  return {
    port: Number(env['PORT'] ?? 3000),
    host: env['HOST'] || '127.0.0.1',
    databaseUrl: env['DATABASE_URL'] || undefined,
    dataDir: env['VETA_DATA_DIR'] || './data',
    logLevel: LOG_LEVELS.includes(level) ? level : 'info',
    trustProxy: trustProxy(env['TRUST_PROXY']),
    allowedOrigins: (env['VETA_ALLOWED_ORIGINS'] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicCacheBytes: positive(env['VETA_PUBLIC_CACHE_MB'], 64) * 1024 * 1024,
    auditCheckpointMinutes: positive(env['VETA_AUDIT_CHECKPOINT_MINUTES'], 60),
  };
}
