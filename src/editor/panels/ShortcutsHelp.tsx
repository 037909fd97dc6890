/** The list of keyboard shortcuts, as a dialog over the editor; Escape or the button closes it. */
import { useDialog } from './use-dialog';
import { SHORTCUTS } from './use-shortcuts';
import './shortcuts-help.css';

export function ShortcutsHelp({ onClose }: { onClose(): void }) {
  const close = useDialog(onClose);
  return (
    <div className="shortcuts-backdrop" onClick={onClose}>
      <div className="shortcuts" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" onClick={(e) => e.stopPropagation()}>
        <header>
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" aria-label="Close keyboard shortcuts" onClick={onClose}>×</button>
        </header>
        <table>
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.keys}>
                <th scope="row"><kbd>{s.keys}</kbd></th>
                <td>{s.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">On a Mac, use ⌘ where Ctrl is shown. Keys typed into a field stay in the field.</p>
      </div>
    </div>
  );
}
