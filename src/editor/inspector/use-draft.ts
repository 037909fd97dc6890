/**
 * Local draft state for one field: what the person typed, and why it was refused. A draft
 * belongs to the committed value it was typed over, so an outside change (undo, another
 * node's edit) replaces it with the new value instead of leaving stale text behind.
 */
import { useState } from 'react';
import { sameValue } from './form-values';

interface Draft {
  text: string;
  /** The committed value this draft was typed over or committed as. */
  base: unknown;
  error?: string;
}

export interface DraftState {
  text: string;
  error: string | undefined;
  /** Keep `text` with an error; the committed value stays as it is. */
  refuse(text: string, error: string): void;
  /** Keep `text` as the face of the value just committed. */
  accept(text: string, committed: unknown): void;
}

export function useDraft(committed: unknown, format: (v: unknown) => string): DraftState {
  const [draft, setDraft] = useState<Draft | null>(null);
  const live = draft !== null && sameValue(draft.base, committed) ? draft : null;
  return {
    text: live ? live.text : format(committed),
    error: live?.error,
    refuse: (text, error) => setDraft({ text, base: committed, error }),
    accept: (text, value) => setDraft({ text, base: value }),
  };
}
