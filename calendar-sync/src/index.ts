// Filled by its own issue; the empty workspace fixes the dependency graph and build order now.
export {};
