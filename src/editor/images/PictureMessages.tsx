/** What adding pictures said: refusals as an alert, remarks as a status, dismissable; shown where the user dropped or picked. */
import type { AddReport } from './add-pictures';

export function PictureMessages({ report, onDismiss, className }: { report: AddReport | undefined; onDismiss: () => void; className?: string }) {
  if (!report || (report.errors.length === 0 && report.notes.length === 0)) return null;
  const error = report.errors.length > 0;
  return (
    <div className={`pic-msgs ${error ? 'is-error' : 'is-note'} ${className ?? ''}`} role={error ? 'alert' : 'status'}>
      <ul>
        {[...report.errors, ...report.notes].map((m, i) => (
          <li key={i}>{m}</li>
        ))}
      </ul>
      <button type="button" className="pic-dismiss" aria-label="Dismiss picture messages" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
