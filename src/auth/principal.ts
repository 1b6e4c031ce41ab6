// Who is calling, as every handler sees it after authentication: a closed union on `kind`.
// Virtual keys join as their own member (`{ kind: 'virtual-key', ... }`) next to the master key.
// What a principal may do is decided elsewhere.

/** The holder of the master key: the platform administrator. */
export interface MasterPrincipal {
  readonly kind: 'master';
}

export type Principal = MasterPrincipal;

export type PrincipalKind = Principal['kind'];

/** The one master principal: authentication hands out this object, never a new one. */
export const masterPrincipal: MasterPrincipal = Object.freeze({ kind: 'master' });
