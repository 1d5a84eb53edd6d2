import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { loadDataAsOf } from './app/data-as-of.tsx';
import { SessionProvider } from './app/session.tsx';
import { LangProvider } from './i18n/i18n.tsx';
import './styles.css';

// "Today" follows the records' as-of date (the demo): known before the first page renders,
// unless the server is slow to say (then the banner appears when it answers).
const asOfKnown = loadDataAsOf();
await Promise.race([asOfKnown, new Promise((resolve) => setTimeout(resolve, 1500))]);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LangProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </LangProvider>
  </StrictMode>,
);

// The service worker of the offline field surveys (web/src/surveys/pwa.config.ts), in built apps only
// (not on Vite's dev server; a build run with NODE_ENV=test, as under vitest, is a built app too).
if (!import.meta.hot && 'serviceWorker' in navigator) void navigator.serviceWorker.register('/sw.js').catch(() => undefined);
