/**
 * The mailbox of one actor instance: a lock-free, bounded queue whose messages run one at a time, in arrival
 * order, in batches on a shared executor.
 */
@NullMarked
package dev.actorspring.runtime.mailbox;

import org.jspecify.annotations.NullMarked;
