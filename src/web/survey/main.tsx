import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PublicSurveyPage, tokenFromPath } from './PublicSurveyPage';
import './survey.css';

// The public answer page (/s/:token): its own small entry, apart from the staff app.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <PublicSurveyPage token={tokenFromPath(window.location.pathname)} />
  </StrictMode>,
);
