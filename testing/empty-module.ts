// Stands in for the `server-only` marker package under vitest, where no react-server condition applies.
export {};
