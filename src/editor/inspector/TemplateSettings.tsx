/**
 * A template network's settings (a U-Net's depth and widths, a ResNet's blocks…), edited after
 * placement: each change rebuilds the network's blocks from its template, as one undoable edit
 * that every call site of the network sees.
 */
import { editedSinceTemplate, retemplateNetwork } from '../../graph/templates';
import type { NetworkDef } from '../../graph/schema';
import { findTemplate } from '../../nodes/networks/templates';
import { useEditorStore } from '../store/hooks';
import { ParamsForm, type ParamsContext } from './ParamsForm';

export function TemplateSettings({ net, context }: { net: NetworkDef; context: ParamsContext }) {
  const store = useEditorStore();
  const t = net.template ? findTemplate(net.template.id) : undefined;
  if (!net.template || !t) return null;
  const edited = editedSinceTemplate(net);
  return (
    <section className="template-settings" aria-label={`${t.label} settings`}>
      <h3>{t.label} settings</h3>
      <p className="muted">
        {edited
          ? 'This network’s blocks were changed by hand. Changing a setting here rebuilds them from the template and replaces those changes (Undo brings them back).'
          : 'Changing a setting rebuilds the network’s blocks; every call site of it changes with it.'}
      </p>
      <ParamsForm
        key={net.id}
        schema={t.params}
        value={net.template.params}
        context={context}
        idPrefix={`template-${net.id}`}
        onChange={(next) => {
          try {
            store.getState().edit(`Change ${t.label} settings`, (d) => retemplateNetwork(d, net.id, next));
          } catch (e) {
            store.getState().notify({ severity: 'warning', text: `The ${t.label} could not be rebuilt with these settings: ${String(e instanceof Error ? e.message : e)}` });
          }
        }}
      />
    </section>
  );
}
