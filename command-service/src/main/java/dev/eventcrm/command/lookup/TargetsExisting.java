package dev.eventcrm.command.lookup;

/** A command to an aggregate that must already exist, with the type it must have ({@link TargetExists}). */
public interface TargetsExisting {

    String targetId();

    /** One of the {@link AggregateLookup} types. */
    String targetType();
}
