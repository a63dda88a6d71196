import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, systemChromium } from '../e2e/find-chromium.ts';

const dir = mkdtempSync(join(tmpdir(), 'atlas-chromium-'));
const empty = mkdtempSync(join(tmpdir(), 'atlas-nochromium-'));
const fake = join(dir, 'chromium');
writeFileSync(fake, '#!/bin/sh\n');
chmodSync(fake, 0o755);
writeFileSync(join(empty, 'chromium'), 'not executable');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('the browser suite finds a Chromium', () => {
  it('takes an executable chromium from PATH', () => {
    expect(systemChromium({ PATH: `${empty}:${dir}` })).toBe(fake);
  });

  it('finds none on a PATH without one (a file that is not executable does not count)', () => {
    expect(systemChromium({ PATH: empty })).toBeNull();
  });

  it('ATLAS_CHROMIUM names the browser, before the system one', async () => {
    expect(await findChromium({ PATH: dir, ATLAS_CHROMIUM: '/opt/chrome/chrome' })).toEqual({ executablePath: '/opt/chrome/chrome', source: 'ATLAS_CHROMIUM' });
    expect(await findChromium({ PATH: dir })).toEqual({ executablePath: fake, source: 'system' });
  });
});
