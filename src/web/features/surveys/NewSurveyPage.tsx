import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useCan } from '../../components/access';
import { QueryState } from '../../components/QueryState';
import { ApiError, post } from '../../http/client';
import { useSurveyText } from './messages';
import { type Survey, surveyKeys, useInvalidateSurvey } from './queries';
import { SurveyBuilder } from './SurveyBuilder';
import './surveys.css';

/**
 * /surveys/new?season=<id>&preselect=1: the builder. From the demand list and the 春闘 task it
 * comes with the season's demands already chosen.
 */
export default function NewSurveyPage() {
  const s = useSurveyText();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const mayWrite = useCan('surveys.write');
  const queryClient = useQueryClient();
  const invalidate = useInvalidateSurvey();
  const create = useMutation({
    mutationFn: (body: object) => post<Survey>('/surveys', body),
    onSuccess: async (created) => {
      queryClient.setQueryData(surveyKeys.detail(created.id), created);
      await invalidate();
      navigate(`/surveys/${created.id}`);
    },
  });
  if (!mayWrite)
    return (
      <QueryState isLoading={false} error={new ApiError(404, {})}>
        {null}
      </QueryState>
    );
  return (
    <div className="sv-staff">
      <div className="page-header">
        <h1>{s.newTitle}</h1>
      </div>
      <SurveyBuilder
        initialSeasonId={params.get('season') || undefined}
        preselect={params.get('preselect') === '1'}
        error={create.error}
        pending={create.isPending}
        onSubmit={(body) => create.mutate(body)}
        onCancel={() => navigate(-1)}
      />
    </div>
  );
}
