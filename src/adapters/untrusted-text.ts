/**
 * Bidirectional overrides, embeddings and isolates (U+202A-U+202E, U+2066-U+2069). Arabic and
 * Hebrew need none of them to display; in untrusted text they only serve to make what follows
 * read backwards ("‮txt.exe" shows as "exe.txt"), or to reorder our own citations.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** Untrusted text without bidi control characters (see `BIDI_CONTROLS`). */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

// C0 and C1 controls and DEL, bidi controls; \n and \t are decided by the caller.
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const TERMINAL_UNSAFE_LINES = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const visible = (c: string) =>
  c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Untrusted text (a file name, a title, a reason that quotes either) made safe to print to a
 * terminal: every control character is shown as an escape such as `\u001b`, so an escape sequence
 * cannot clear the screen or move the cursor, and a newline in a file name cannot forge a line
 * of output. `lines: true` keeps newlines and tabs, for text printed as paragraphs.
 */
export function terminalSafe(text: string, options: { lines?: boolean } = {}): string {
  return text.replace(options.lines ? TERMINAL_UNSAFE : TERMINAL_UNSAFE_LINES, visible);
}
