/**
 * Settings both engines apply at start-up. Extensions are never installed or loaded behind
 * the user's back: in the browser that would be a request to another origin, and on the
 * command line it would make a notebook's result depend on what happened to be downloadable.
 */
export function lockDown(): string[] {
  return ['SET autoinstall_known_extensions = false', 'SET autoload_known_extensions = false'];
}
