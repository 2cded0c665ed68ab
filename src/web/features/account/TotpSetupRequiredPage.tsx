import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { post } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { authKeys } from '../auth/queries';
import { useAccountText } from './messages';
import { TotpSetupFlow } from './TwoStep';
import './account.css';

/**
 * Shown instead of the app to a user whose role requires two-step sign-in and who has not set it
 * up: every other API answers 403 `totp_setup_required` until they do.
 */
export default function TotpSetupRequiredPage() {
  const { t } = useI18n();
  const a = useAccountText().setupRequired;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const logout = useMutation({
    mutationFn: () => post('/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(authKeys.me, null);
      navigate('/login', { replace: true });
    },
  });
  return (
    <main className="auth-page" id="main">
      <div className="card auth-card account-setup-required">
        <h1>
          <span className="brand">{t.appName}</span> {a.title}
        </h1>
        <p>{a.intro}</p>
        <TotpSetupFlow />
        <button type="button" className="link-button" onClick={() => logout.mutate()}>
          {a.signOut}
        </button>
      </div>
    </main>
  );
}
