import { describe, expect, it } from 'vitest';
import { boilerplateReason } from '../../../src/articles/cleaning/remove-boilerplate.ts';

describe('boilerplateReason', () => {
  it.each([
    ['.', 'punctuation only'],
    ['...', 'punctuation only'],
    ['* * *', 'punctuation only'],
    ['—', 'punctuation only'],
    ['Advertisement', 'advertisement'],
    ['ADVERTISEMENT', 'advertisement'],
    ['Sponsored content', 'advertisement'],
    ['Share this article', 'share prompt'],
    ['Share this on WhatsApp', 'share prompt'],
    ['Like us on Facebook', 'social prompt'],
    ['Follow Reuters on Twitter', 'social prompt'],
    ['Follow @AFP on Twitter.', 'social prompt'],
    ['Follow us on Instagram', 'social prompt'],
    ['Loading Photo Gallery', 'gallery placeholder'],
    ['Click here to subscribe', 'navigation'],
    ['Read more: the war in Syria', 'navigation'],
    [
      'Sign up to get an email from reporter Ann Lee when she publishes a new story.',
      'subscription prompt',
    ],
    [
      'POLL VIA EMAIL! - Just click here, enter your email address, and click “sign up.” That’s all there is to it (and you can unsubscribe anytime).',
      'subscription prompt',
    ],
    ['© 2018 AFP', 'copyright line'],
    ['Copyright 2018 The Associated Press. All rights reserved.', 'copyright line'],
  ])('%j is boilerplate (%s)', (text, reason) => {
    expect(boilerplateReason(text)).toBe(reason);
  });

  it.each([
    'Shares in Turkey fell 3%.',
    'Following the summit, Putin left.',
    'Advertisement revenue fell by a third.',
    'Follow the money on Twitter, the analyst said, and you will find the trolls.',
    'Related articles say that the war is over and that the summit failed to agree.',
    'Copyright law was discussed at length by the EU commission.',
    'Sign up for the draft, he urged the young men.',
    'Voters who sign up by email can unsubscribe later, the campaign said, but most stay.',
    '2018',
  ])('%j is article text', (text) => {
    expect(boilerplateReason(text)).toBeUndefined();
  });
});

describe('boilerplate labels', () => {
  it.each([
    ['Related', 'navigation'],
    ['Related articles', 'navigation'],
    ['Related: Idlib offensive looms', 'navigation'],
    ['(c) 2018 Reuters', 'copyright line'],
  ])('%j is %s', (text, reason) => {
    expect(boilerplateReason(text)).toBe(reason);
  });
});
