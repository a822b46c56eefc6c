import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initialLanguage, loadLanguage } from './i18n/I18nProvider';
import './app/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// The saved language's messages first (English is a chunk of its own), then the app; if they
// cannot be fetched the app starts in Vietnamese.
const start = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
loadLanguage(initialLanguage()).then(start, start);
