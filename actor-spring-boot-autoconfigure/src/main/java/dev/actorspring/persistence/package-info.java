/**
 * The storage SPI through which actor instances load and commit their state.
 */
@NullMarked
package dev.actorspring.persistence;

import org.jspecify.annotations.NullMarked;
