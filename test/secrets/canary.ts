

/** The plain value, its base64 (with and without padding), base64url and URL-encoded forms. */
export function canaryForms(value: string): string[] {
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  const forms = [value, b64, b64.replace(/=+$/, ''), Buffer.from(value, 'utf8').toString('base64url'), encodeURIComponent(value), encodeURI(value)];
  return [...new Set(forms)];
}

/** Every (canary, form) pair found in `text`; empty means no leak. */
export function leaks(text: string, canaries: readonly string[]): { canary: string; form: string }[] {
  const out: { canary: string; form: string }[] = [];
  for (const canary of canaries) for (const form of canaryForms(canary)) if (text.includes(form)) out.push({ canary, form });
  return out;
}

