/**
 * The one percentage of the roadmap views, in the pipeline and on the pages alike: rounded down, so that
 * nothing short of done shows 100%. (The epsilon keeps a sum of fractions that is whole, 0.25 + 0.75,
 * from flooring to one below.) Here, not in the roadmap checks, so that the pages import no pipeline.
 */
export function percentOf(done: number, total: number): number | null {
  return total === 0 ? null : Math.floor((done / total) * 100 + 1e-9);
}
