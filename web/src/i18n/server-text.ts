/**
 * The words of a server problem or an import row error (pure, no React): by the message
 * code and its parameters; without a known code, by the HTTP status; never the server's
 * English `detail` on a Spanish screen. The hooks are in server.tsx.
 */
import { messageOrGeneric, renderMessage, type MessageLang, type MessageParams } from '../../../src/kernel/messages/index.ts';
import type { Problem } from '../api/types.ts';

/** Problem details with the parameters of their code (the server's `params`). */
export type CodedProblem = Problem & { params?: MessageParams };

/** What a failed request can be: the web client's ApiError, or anything else thrown. */
export interface ErrorLike {
  status?: number;
  problem?: CodedProblem;
}

const BY_STATUS: Record<number, string> = {
  400: 'http.bad_request',
  401: 'http.unauthorized',
  403: 'http.forbidden',
  404: 'http.not_found',
  409: 'http.conflict',
  413: 'http.too_large',
  429: 'http.too_many',
};

export interface ServerText {
  /** The sentence to show. */
  text: string;
  /** A code the catalog does not know (shown in small print beside the sentence), if any. */
  unknownCode?: string;
}

/** A problem in `lang`: by its code, else by its HTTP status, else a generic sentence. */
export function problemText(lang: MessageLang, problem: CodedProblem | undefined, status?: number): ServerText {
  const code = problem?.code;
  if (code) {
    const known = renderMessage(lang, code, problem.params);
    if (known !== null) return { text: known };
  }
  const s = status ?? problem?.status;
  const byStatus = s === undefined ? undefined : (BY_STATUS[s] ?? (s >= 500 ? 'http.server_error' : undefined));
  const text = byStatus ? messageOrGeneric(lang, byStatus) : messageOrGeneric(lang, undefined);
  return code ? { text, unknownCode: code } : { text };
}

/** An import row error in `lang`: by its code; the English message only when there is no code at all (an old stored job). */
export function rowErrorMessage(lang: MessageLang, e: { code?: string; params?: MessageParams; message?: string }): ServerText {
  if (e.code) {
    const known = renderMessage(lang, e.code, e.params);
    return known !== null ? { text: known } : { text: messageOrGeneric(lang, undefined), unknownCode: e.code };
  }
  return { text: lang === 'en' && e.message ? e.message : messageOrGeneric(lang, undefined) };
}
