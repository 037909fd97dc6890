/**
 * The inspector's editor for an image-set node's `images`: add files with a picker (or drop
 * them here), see each picture's thumbnail, take one out. Pictures the browser does not hold
 * show as missing. The hint points pix2pix users to the `paired` setting.
 */
import { useRef, useState, type DragEvent } from 'react';
import { removePicture } from './add-pictures';
import { formatName } from './messages';
import { PictureMessages } from './PictureMessages';
import { Thumbnail } from './Thumbnail';
import { carriesFiles, useAddPictures } from './use-add-pictures';
import { useNodeImages, usePictureEntries } from './use-pictures';
import { useEditor, useEditorStore } from '../store/hooks';
import './images.css';

export const PICTURE_ACCEPT = 'image/png,image/jpeg,image/webp,.png,.jpg,.jpeg,.webp';

export function ImagesField({ nodeId, id }: { nodeId: string; id: string }) {
  const editor = useEditorStore();
  const ids = useNodeImages(nodeId);
  const entries = usePictureEntries(ids);
  const { add, busy, report, dismiss } = useAddPictures(nodeId);
  const picker = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    setOver(false);
    void add(Array.from(e.dataTransfer.files));
  };
  const missing = entries.filter((e) => e.state === 'missing').length;
  const paired = useEditor((s) => s.doc.nodes.find((n) => n.id === nodeId)?.params.paired ?? 'none');
  // Twice as wide as tall: most likely an A|B pair file, which "Paired" splits.
  const pairs = entries.filter((e) => e.state === 'present' && e.meta.width / e.meta.height > 1.8 && e.meta.width / e.meta.height < 2.2).length;
  return (
    <div
      className={`pf-field pics${over ? ' is-drop-target' : ''}`}
      role="group"
      aria-labelledby={`${id}-label`}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <div className="pics-head">
        <span className="pf-label" id={`${id}-label`}>
          Images <span className="pf-count">({ids.length}{missing ? `, ${missing} missing` : ''})</span>
        </span>
        <button type="button" onClick={() => picker.current?.click()} disabled={busy > 0}>
          Add images…
        </button>
        <input
          ref={picker}
          type="file"
          multiple
          accept={PICTURE_ACCEPT}
          hidden
          aria-label="Choose image files to add"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            void add(files);
          }}
        />
      </div>
      <p className="pf-help" id={`${id}-help`}>
        PNG, JPEG or WebP files; you can also drop them here or on the node. Side-by-side A|B pairs (as pix2pix datasets
        are saved)? Set “Paired” below to use the left or the right half of each.
      </p>
      {pairs > 0 && paired === 'none' && (
        <p className="pf-help pics-pairs">
          {pairs === entries.length ? 'These pictures are' : `${pairs} of these pictures are`} twice as wide as they are tall:
          if each holds an A|B pair side by side, set “Paired” to left or right.
        </p>
      )}
      {busy > 0 && (
        <p className="pf-help" role="status">
          Adding {busy === 1 ? 'the picture' : `${busy} pictures`}…
        </p>
      )}
      <PictureMessages report={report} onDismiss={dismiss} />
      {ids.length > 0 && (
        <ul className="pics-grid" aria-label="Images in this set">
          {ids.map((pid, i) => {
            const e = entries[i]!;
            const name = e.state === 'present' ? e.meta.name : `image ${pid.slice(0, 8)}`;
            return (
              <li key={`${pid}-${i}`} className={`pic pic-${e.state}`}>
                {e.state === 'present' ? (
                  <Thumbnail id={pid} label={`${name}, ${formatName[e.meta.mime]} ${e.meta.width}×${e.meta.height}`} className="pic-thumb" />
                ) : (
                  <span className="pic-thumb pic-placeholder" role="img" aria-label={e.state === 'missing' ? `${name}: missing from this browser` : `${name}: loading`}>
                    {e.state === 'missing' ? 'missing' : '…'}
                  </span>
                )}
                <button type="button" className="pic-remove" aria-label={`Remove ${name}`} title={`Remove ${name} from the set`} onClick={() => removePicture(editor, nodeId, i)}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
