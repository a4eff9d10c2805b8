import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPrompt } from '../../../src/briefing/prompts/render-prompt.ts';

const passages =
  '<passage n="1" source="AP · 2018-09-07 · Title">\nText of the passage.\n</passage>';

describe('the prompts in prompts/ (snapshots show wording changes in review)', () => {
  it('brief', () => {
    expect(renderPrompt('brief', { topic: 'idlib', passages })).toMatchSnapshot();
  });
  it('ask', () => {
    expect(renderPrompt('ask', { question: 'Who met in Tehran?', passages })).toMatchSnapshot();
  });
  it('digest', () => {
    expect(
      renderPrompt('digest', { topics: 'idlib, syria', since: '2018-09-06T08:00:00Z', passages }),
    ).toMatchSnapshot();
  });
  it('keeps instructions before the user marker and data after it', () => {
    const text = renderPrompt('brief', { topic: 'TOPIC', passages: 'PASSAGES' });
    const marker = text.indexOf('<!-- user -->');
    expect(marker).toBeGreaterThan(0);
    expect(text.indexOf('TOPIC')).toBeGreaterThan(marker);
    expect(text.indexOf('PASSAGES')).toBeGreaterThan(marker);
    expect(text).not.toMatch(/\{\{/);
  });
});

describe('renderPrompt', () => {
  const dir = mkdtempSync(join(tmpdir(), 'prompts-'));
  mkdirSync(join(dir, 'partials'));
  writeFileSync(join(dir, 'partials', 'greet.md'), 'Hello {{name}}.\n');
  writeFileSync(join(dir, 'partials', 'loop.md'), '{{> loop}}');
  writeFileSync(join(dir, 'brief.md'), '{{> greet}} Topic: {{ topic }}. Again: {{topic}}');
  writeFileSync(join(dir, 'ask.md'), '{{> loop}}');
  writeFileSync(join(dir, 'digest.md'), '{{> nowhere}}');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills variables and partials', () => {
    expect(renderPrompt('brief', { name: 'Ada', topic: 'idlib' }, dir)).toBe(
      'Hello Ada. Topic: idlib. Again: idlib',
    );
  });

  it('names every missing variable', () => {
    expect(() => renderPrompt('brief', { topic: 'idlib' }, dir)).toThrow(
      'Prompt "brief" needs variable name',
    );
    expect(() => renderPrompt('brief', {}, dir)).toThrow('needs variables name, topic');
  });

  it('does not render variables or partials found inside values', () => {
    expect(renderPrompt('brief', { name: '{{topic}}', topic: '{{> greet}}' }, dir)).toBe(
      'Hello {{topic}}. Topic: {{> greet}}. Again: {{> greet}}',
    );
  });

  it('refuses a partial that includes itself, and a missing partial', () => {
    expect(() => renderPrompt('ask', {}, dir)).toThrow('includes itself');
    expect(() => renderPrompt('digest', {}, dir)).toThrow(/partial "nowhere" not found/);
  });
});
