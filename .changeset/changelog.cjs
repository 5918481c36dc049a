// changesets' default CHANGELOG lines (@changesets/cli/changelog), with one change: the default writes
// an "- Updated dependencies [hash]" line for every changeset of a dependency, 75 lines in hotmart-cli's
// and 113 in hotmart-mcp's first CHANGELOG, none of which says anything. Here it is one line naming the
// versions this release depends on.
const defaults = require("@changesets/cli/changelog").default;

module.exports = {
  getReleaseLine: defaults.getReleaseLine,
  async getDependencyReleaseLine(_changesets, dependenciesUpdated) {
    if (dependenciesUpdated.length === 0) return "";
    const list = dependenciesUpdated.map((d) => `\`${d.name}@${d.newVersion}\``).join(", ");
    return `- Updated dependencies: ${list}`;
  },
};
