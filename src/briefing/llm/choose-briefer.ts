import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Briefer } from '../briefing.ts';
import { createLlmBriefer, type LlmBriefer, type LlmBrieferOptions } from './llm-briefer.ts';

export type ChooseBrieferDeps = Pick<LlmBrieferOptions, 'retrieve' | 'clock' | 'metrics'> & {
  /** The extractive summarizer: the briefer when no LLM is configured, the fallback when one is. */
  extractive: LlmBrieferOptions['fallback'];
  log: Logger;
};

/**
 * The briefer the configuration asks for: the LLM briefer when `OPENAI_API_KEY` or
 * `OPENAI_BASE_URL` is set, else the extractive summarizer alone.
 */
export function chooseBriefer(
  config: Pick<Config, 'llm' | 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL'>,
  deps: ChooseBrieferDeps,
): Briefer & { digest?: LlmBriefer['digest'] } {
  if (!config.llm) return deps.extractive;
  const log = deps.log.child({ summarizer: 'llm' });
  log.info(
    { model: config.OPENAI_MODEL, baseURL: config.OPENAI_BASE_URL ?? 'OpenAI' },
    'briefings by LLM, checked against the sources',
  );
  return createLlmBriefer({
    ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    model: config.OPENAI_MODEL,
    retrieve: deps.retrieve,
    fallback: deps.extractive,
    log,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
}
