import { Link } from 'react-router';
import { useHandoverText } from './messages';

/** The member page's link to the printable 引き継ぎ資料 (everyone who can see the member may read it). */
export function BriefingLink({ memberId, name }: { memberId: string; name: string }) {
  const h = useHandoverText();
  return (
    <div className="member-header-actions">
      <Link className="button" to={`/members/${memberId}/briefing`} aria-label={h.briefingLinkHint(name)}>
        {h.briefingLink}
      </Link>
    </div>
  );
}
