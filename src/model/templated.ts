/** A ResourceSet's name template (`infra-<< inputs.tier >>`) matches a name: each `<< ... >>` stands for some text. */
export function templateMatches(template: string, name: string): boolean {
  if (template === '*') return true;
  if (!template.includes('<<')) return template === name;
  const pattern = template.split(/<<.*?>>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
  return new RegExp(`^${pattern}$`).test(name);
}
