/**
 * JSON conversion of actor states, action arguments, results and events, backed by Jackson.
 */
@NullMarked
package dev.actorspring.codec;

import org.jspecify.annotations.NullMarked;
