import { useState } from 'react';
import { ENGAGEMENTS, type Engagement } from '../../../core/enums';
import { useCan } from '../../components/access';
import { EngagementChip } from '../../components/Chips';
import type { MemberDetail } from '../../http/types';
import { useEngagementReviewMessages } from './engagement-review-messages';
import { EngagementForm } from './QuickActionForms';

type Review = NonNullable<MemberDetail['engagementReview']>;

/**
 * The level the review suggests: warmer after attending (all of them: 定期参加, most:
 * たまに参加), one step colder after missing them all. The form lets the person choose.
 */
export function suggestedEngagement(current: Engagement, review: Review): Engagement {
  if (review.suggestedDirection === 'up') return review.attended === review.of ? 'regular' : 'occasional';
  return ENGAGEMENTS[Math.min(ENGAGEMENTS.indexOf(current) + 1, ENGAGEMENTS.length - 1)]!;
}

/**
 * 関与度の見直し: where the member's meeting attendance disagrees with the recorded engagement,
 * the reason, and a button that opens the engagement change prefilled — saved only when a
 * person confirms it (never automatic).
 */
export function EngagementReview({ member }: { member: MemberDetail }) {
  const r = useEngagementReviewMessages();
  const mayChange = useCan('engagement.change');
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const review = member.engagementReview;
  if (!review) {
    return done ? (
      <p className="qa-done" role="status">
        ✓ {r.saved}
      </p>
    ) : null;
  }
  const reason = review.suggestedDirection === 'up' ? r.up(review.attended, review.of) : r.down(review.of);
  const suggested = suggestedEngagement(member.engagement, review);
  return (
    <section className="card member-section engagement-review" aria-labelledby="engagement-review-title">
      <h2 id="engagement-review-title">{r.title}</h2>
      <p>
        <strong className="engagement-review-reason">{reason}</strong>{' '}
        <EngagementChip value={member.engagement} /> <span aria-hidden="true">→</span>{' '}
        <EngagementChip value={suggested} />
      </p>
      <p className="muted">{review.suggestedDirection === 'up' ? r.explainUp : r.explainDown}</p>
      {mayChange &&
        (open ? (
          <div className="qa-panel">
            <p className="muted">{r.confirmHint}</p>
            <EngagementForm
              member={member}
              initial={{ engagement: suggested, reason }}
              onDone={() => {
                setOpen(false);
                setDone(true);
              }}
              onCancel={() => setOpen(false)}
            />
          </div>
        ) : (
          <button type="button" onClick={() => setOpen(true)}>
            {r.open}
          </button>
        ))}
    </section>
  );
}
