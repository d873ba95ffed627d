/**
 * Which clauses share a marker: a clause type found in several nearby sentences ("the service limits what it
 * owes you" in five sentences of one section) gets one marker for the cluster, not one per sentence; every
 * sentence keeps its highlight, and hovering it still opens its own card. A type is a category and a stance,
 * as the digest groups them. No DOM here, so Node can test it (tests/js/clusters.test.mjs).
 */
import { GENERIC_KIND } from "../lib/labels.js";

/**
 * Clauses of one type at most this many characters (UTF-16, of page text) apart share a marker: about three
 * paragraphs of a terms page, close enough that one marker in the margin reads as "these sentences here".
 */
export const CLUSTER_GAP_CHARS = 1500;

/**
 * The clauses' markers: one per cluster of nearby clauses of a type, in page order, each naming its clauses.
 * A cluster's marker stands for, and sits beside, its curated clause when it has one (a record knows this
 * service's wording; its title is what the marker says), else one that offers something to do (an opt-out
 * the clause spells out, with its deadline), else its first.
 * @param {{id: string, annotation: {kind: string, category: string, stance: string, start_utf16?: number|null,
 *   exact: string, actions?: object[]}}[]} clauses in page order
 * @param {number} [gap] the largest gap within a cluster
 * @returns {{id: string, ids: string[]}[]} `id`: the clause the marker stands for and sits beside
 */
export function clusterClauses(clauses, gap = CLUSTER_GAP_CHARS) {
  const clusters = [];
  const open = new Map(); // type -> {cluster, end}
  for (const clause of clauses) {
    const { category, stance, start_utf16: start, exact } = clause.annotation;
    const type = `${category}|${stance}`;
    const current = open.get(type);
    const begins = Number.isInteger(start) ? start : null;
    if (current && begins !== null && begins - current.end <= gap) {
      current.cluster.ids.push(clause.id);
      current.end = Math.max(current.end, begins + exact.length);
      const rank = headRank(clause);
      if (rank > current.rank) {
        current.cluster.id = clause.id;
        current.rank = rank;
      }
      continue;
    }
    const cluster = { id: clause.id, ids: [clause.id] };
    clusters.push(cluster);
    // A clause whose position is unknown stands alone and leaves its type's open cluster open.
    if (begins !== null) open.set(type, { cluster, end: begins + exact.length, rank: headRank(clause) });
  }
  return clusters;
}

/** How well a clause speaks for its cluster: curated 2, with an action 1, else 0. */
function headRank(clause) {
  if (clause.annotation.kind !== GENERIC_KIND) return 2;
  return clause.annotation.actions?.length ? 1 : 0;
}
