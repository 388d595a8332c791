/**
 * The REST adapter over the runtime, on Spring MVC.
 */
@NullMarked
package dev.actorspring.transport.http;

import org.jspecify.annotations.NullMarked;
