import { describe, expect, it } from 'vitest';
import { isPublicAddress, publicOrTrusted } from '../../../src/articles/feeds/address-guard.ts';
import { FetchError } from '../../../src/articles/feeds/fetch-error.ts';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['2606:4700:4700::1111', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['0.0.0.0', false],
    ['255.255.255.255', false],
    ['224.0.0.1', false],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fd00::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['not an address', false],
  ])('%s -> %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('publicOrTrusted', () => {
  const guard = publicOrTrusted(['127.0.0.1:8080']);
  const refusal = async (href: string) => {
    try {
      await guard(new URL(href));
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(FetchError);
      expect((error as FetchError).code).toBe('blocked-address');
      return (error as FetchError).message;
    }
  };

  it('lets the trusted host through, and public addresses', async () => {
    expect(await refusal('http://127.0.0.1:8080/feed/item')).toBeUndefined();
    expect(await refusal('https://93.184.216.34/story')).toBeUndefined();
  });

  it.each([
    'http://127.0.0.1:8081/other-port',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.0.0.5/admin',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0x7f000001/',
    'http://localhost:8080/',
  ])('refuses %s, naming the address', async (href) => {
    const message = await refusal(href);
    expect(message).toMatch(/refused, .* is a private or local address \(.+\)/);
    expect(message).not.toContain('\n');
  });
});
