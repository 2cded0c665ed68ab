import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { FormAlert, serverFields, useFocusOnMount } from '../../components/form';
import { QueryState } from '../../components/QueryState';
import { api } from '../../http/client';
import { useI18n } from '../../i18n/I18nProvider';
import { type AnswerBody, AnswerForm } from '../../survey/AnswerForm';
import { en as answerEn, ja as answerJa } from '../../survey/messages';
import { useSurveyText } from './messages';
import { type Survey, type SurveyInvitation, surveyKeys, usePaperAnswer } from './queries';

/**
 * A paper answer entered by a rep or officer for one member (channel 'paper'). A named
 * survey shows the member's answer to change; an anonymous one takes an answer and never
 * shows it (the server refuses to).
 */
export function PaperAnswerPanel({
  survey,
  invitation,
  onDone,
}: {
  survey: Survey;
  invitation: SurveyInvitation;
  onDone: (saved: boolean) => void;
}) {
  const s = useSurveyText();
  const { t, lang } = useI18n();
  const headingId = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const queryClient = useQueryClient();
  const existing = usePaperAnswer(survey.id, invitation.memberId, !survey.anonymous);
  const save = useMutation({
    mutationFn: (body: AnswerBody) =>
      api('PUT', `/surveys/${survey.id}/members/${invitation.memberId}/answer`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: surveyKeys.detail(survey.id) });
      onDone(true);
    },
  });
  const fields = serverFields(save.error);
  const formSurvey = {
    rankTop: survey.rankTop,
    freeTextLabel: survey.freeTextLabel,
    demands: survey.demands,
    questions: survey.questions,
  };
  return (
    <section className="card sv-paper" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {s.paperTitle(invitation.memberName)}
      </h3>
      <p className={survey.anonymous ? 'alert alert-warning' : 'muted'}>
        {survey.anonymous ? s.paperAnonymous : s.paperIdentified}
      </p>
      {Object.keys(fields).length === 0 && <FormAlert error={save.error} />}
      <QueryState isLoading={!survey.anonymous && existing.isLoading} error={existing.error}>
        <AnswerForm
          survey={formSurvey}
          saved={survey.anonymous ? null : (existing.data ?? null)}
          pending={save.isPending}
          serverErrors={Object.keys(fields).length ? fields : undefined}
          submitLabel={s.paperSave}
          text={lang === 'ja' ? answerJa : answerEn}
          onSubmit={(body) => save.mutate(body)}
        />
      </QueryState>
      <div className="form-actions">
        <button type="button" onClick={() => onDone(false)}>
          {t.common.cancel}
        </button>
      </div>
    </section>
  );
}
