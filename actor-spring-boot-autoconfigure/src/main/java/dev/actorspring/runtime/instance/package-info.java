/**
 * Live actor instances on this node, behind {@link LocalPlacement}. Each instance is made of rooms: the mailbox
 * receiver that dispatches messages ({@code ActorInstance}), the one turn template ({@code Turns}), the group commit
 * ({@code GroupCommit}), activation and lifecycle ({@code Activation}), state and schedules in memory
 * ({@code InstanceMemory}, {@code ScheduleBook}) and connections with event delivery ({@code Connections}).
 */
@NullMarked
package dev.actorspring.runtime.instance;

import org.jspecify.annotations.NullMarked;
