/**
 * Threading helpers shared by the pool and the RPC layers (which do not depend on each other). Not
 * public API: do not use these classes, they change without notice.
 */
package dev.rpcpool.concurrent.internal;
