/**
 * The service worker (vite-plugin-pwa, Workbox): the app's files precached so the field
 * surveys open with no connection, the page answered from the cache for every address of
 * the app, and the session and the forms' API answers kept for when the network is gone
 * (network first: online, the server's answer always wins). Read by web/vite.config.ts.
 */
import { VitePWA } from 'vite-plugin-pwa';

export function offlinePwa() {
  return VitePWA({
    strategies: 'generateSW',
    registerType: 'autoUpdate',
    // registered by main.tsx itself: no extra script in the public pages' bundle
    injectRegister: false,
    filename: 'sw.js',
    manifest: {
      name: 'Veta — Pequeña minería y minería artesanal del Perú',
      short_name: 'Veta',
      lang: 'es-PE',
      start_url: '/encuestas',
      scope: '/',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#7a4a00',
      icons: [],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,svg,woff2}'],
      // the server answers the page at "/" (and every app address), not at "/index.html"
      manifestTransforms: [async (entries) => ({ manifest: entries.map((e) => (e.url === 'index.html' ? { ...e, url: '/' } : e)), warnings: [] })],
      navigateFallback: '/',
      navigateFallbackDenylist: [/^\/api\//, /^\/geo\//, /^\/assets\//],
      inlineWorkboxRuntime: true,
      cleanupOutdatedCaches: true,
      clientsClaim: true,
      skipWaiting: true,
      maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
      runtimeCaching: [
        {
          urlPattern: ({ url, request }) =>
            request.method === 'GET' &&
            (url.pathname === '/api/auth/me' || url.pathname === '/api/auth/permissions' || url.pathname.startsWith('/api/surveys/forms')),
          handler: 'NetworkFirst',
          options: { cacheName: 'veta-api', networkTimeoutSeconds: 8, expiration: { maxEntries: 200 } },
        },
      ],
    },
  });
}
