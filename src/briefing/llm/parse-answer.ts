import { z } from 'zod';

/** Raised when the model's reply is not the JSON object the prompt asks for. */
export class MalformedAnswerError extends Error {
  override readonly name = 'MalformedAnswerError';
}

// Models write cites as 2, "2", "[2]" or "2, 3": accept them all, verify them later.
const cite = z.union([z.number(), z.string()]).transform((v) =>
  String(v)
    .split(/[^\d]+/)
    .filter(Boolean)
    .map(Number),
);
const cites = z
  .union([z.array(cite).transform((all) => all.flat()), cite, z.null()])
  .optional()
  .transform((v) => v ?? []);

const citedText = z.union([
  z.string().transform((text) => ({ text, cites: [] as number[] })),
  z.object({ text: z.string(), cites }).transform(({ text, cites }) => ({ text, cites })),
]);

const quote = z.object({
  speaker: z.string().default(''),
  quote: z.string().optional(),
  text: z.string().optional(),
  cite: cites,
  cites: cites,
});

const answerSchema = z.object({
  status: z.string().optional(),
  points: z.array(citedText).nullish(),
  numbers: z.array(citedText).nullish(),
  quotes: z.array(quote).nullish(),
});

/** A model's briefing, parsed but not yet verified: nothing here is trusted. */
export interface ModelAnswer {
  notInSources: boolean;
  points: { text: string; cites: number[] }[];
  numbers: { text: string; cites: number[] }[];
  quotes: { speaker: string; quote: string; cites: number[] }[];
}

/** The JSON object in a reply that may wrap it in a code fence or in prose. */
function extractJson(content: string): string {
  const fenced = /```(?:json)?\s*([\s\S]*?)```/i.exec(content);
  const body = fenced?.[1] ?? content;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) throw new MalformedAnswerError('the reply holds no JSON object');
  return body.slice(start, end + 1);
}

/** Parses the model's reply defensively; anything unusable is a `MalformedAnswerError`. */
export function parseAnswer(content: string): ModelAnswer {
  let json: unknown;
  try {
    json = JSON.parse(extractJson(content));
  } catch (error) {
    if (error instanceof MalformedAnswerError) throw error;
    throw new MalformedAnswerError(`the reply is not valid JSON (${(error as Error).message})`);
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) {
    throw new MalformedAnswerError(
      `the reply does not match the answer format: ${parsed.error.issues[0]?.message}`,
    );
  }
  const a = parsed.data;
  const notInSources = /not[_\s-]*in[_\s-]*(the[_\s-]*)?sources?/i.test(a.status ?? '');
  if (!notInSources && !a.points) {
    throw new MalformedAnswerError('the reply has no "points" list');
  }
  return {
    notInSources,
    points: a.points ?? [],
    numbers: a.numbers ?? [],
    quotes: (a.quotes ?? []).map((q) => ({
      speaker: q.speaker,
      quote: q.quote ?? q.text ?? '',
      cites: [...q.cite, ...q.cites],
    })),
  };
}
