/**
 * The listener SPI through which the runtime reports what it does, for metrics and logging.
 */
@NullMarked
package dev.actorspring.runtime.listener;

import org.jspecify.annotations.NullMarked;
