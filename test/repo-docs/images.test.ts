import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageProblem, imageType, readInsideRepo, svgProblem } from '../../src/lib/site/repo-markdown-images.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const tmp = mkdtempSync(join(tmpdir(), 'atlas-docs-images-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('doc images', () => {
  it('serves only image extensions', () => {
    expect(imageType('a/b.PNG')).toBe('image/png');
    expect(imageType('a/b.jpeg')).toBe('image/jpeg');
    expect(imageType('a/b.svg')).toBe('image/svg+xml');
    expect(imageType('a/b.html')).toBeNull();
    expect(imageType('a/b.svgz')).toBeNull();
    expect(imageType('Makefile')).toBeNull();
  });

  it('checks that the bytes are what the extension says', () => {
    expect(imageProblem(PNG, 'image/png')).toBeNull();
    expect(imageProblem(Buffer.from('<html><script>x</script>'), 'image/png')).toMatch(/not a PNG/);
    expect(imageProblem(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg')).toBeNull();
    expect(imageProblem(Buffer.from('GIF89a'), 'image/gif')).toBeNull();
    expect(imageProblem(Buffer.from('RIFF\0\0\0\0WEBPVP8 '), 'image/webp')).toBeNull();
    expect(imageProblem(Buffer.from('RIFF\0\0\0\0AVI '), 'image/webp')).toMatch(/not a WebP/);
  });

  it('refuses SVG that could run code when opened directly', () => {
    const svg = (inner: string, attrs = '') => `<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"${attrs}>${inner}</svg>`;
    expect(svgProblem(svg('<rect width="1" height="1"/>'))).toBeNull();
    expect(svgProblem(svg('<SCRIPT>alert(1)</SCRIPT>'))).toMatch(/script/);
    expect(svgProblem(svg('', ' onload="alert(1)"'))).toMatch(/event handler/);
    expect(svgProblem(svg('<a href="javascript:alert(1)"><text>x</text></a>'))).toMatch(/javascript/);
    expect(svgProblem(svg('<foreignObject><div>x</div></foreignObject>'))).toMatch(/HTML/);
    expect(svgProblem('<html><body>not svg</body></html>')).toMatch(/not an SVG/);
  });

  it('reads files inside the repository only', () => {
    const repo = join(tmp, 'repo');
    mkdirSync(join(repo, 'docs'), { recursive: true });
    writeFileSync(join(repo, 'docs/a.png'), PNG);
    writeFileSync(join(tmp, 'outside.png'), PNG);
    symlinkSync(join(tmp, 'outside.png'), join(repo, 'docs/link-out.png'));
    symlinkSync('a.png', join(repo, 'docs/link-in.png'));
    expect(readInsideRepo(repo, 'docs/a.png', 1024)?.length).toBe(PNG.length);
    expect(readInsideRepo(repo, 'docs/link-in.png', 1024)?.length).toBe(PNG.length);
    expect(readInsideRepo(repo, 'docs/link-out.png', 1024)).toBeNull();
    expect(readInsideRepo(repo, '../outside.png', 1024)).toBeNull();
    expect(readInsideRepo(repo, 'docs/a.png', 4)).toBeNull();
    expect(readInsideRepo(repo, 'docs', 1024)).toBeNull();
    expect(readInsideRepo(repo, 'docs/missing.png', 1024)).toBeNull();
  });
});
