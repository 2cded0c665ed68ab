import { useId } from 'react';
import { isMonth, plusMonths } from './dates';
import { useDashboardText } from './messages';

/** The month in the URL: a month field plus previous / this / next month buttons. */
export function MonthPicker({
  month,
  current,
  onChange,
}: {
  month: string;
  current: string;
  onChange: (month: string | undefined) => void;
}) {
  const text = useDashboardText();
  const m = text.monthly;
  const id = useId();
  return (
    <div className="dash-controls">
      <div className="field dash-date">
        <label htmlFor={id}>{m.monthPicker}</label>
        <input
          id={id}
          type="month"
          value={month}
          max={current}
          onChange={(e) => {
            if (isMonth(e.target.value)) onChange(e.target.value === current ? undefined : e.target.value);
          }}
        />
      </div>
      <div className="dash-steps">
        <button type="button" onClick={() => onChange(plusMonths(month, -1))}>
          {m.prevMonth}
        </button>
        <button type="button" disabled={month === current} onClick={() => onChange(undefined)}>
          {m.thisMonth}
        </button>
        <button
          type="button"
          disabled={month >= current}
          onClick={() => {
            const next = plusMonths(month, 1);
            onChange(next >= current ? undefined : next);
          }}
        >
          {m.nextMonth}
        </button>
      </div>
    </div>
  );
}
