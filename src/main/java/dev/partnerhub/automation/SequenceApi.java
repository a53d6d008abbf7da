package dev.partnerhub.automation;

import java.util.Optional;

/** E-mail sequences for other parts of automation (rules: "start/stop a sequence"). */
public interface SequenceApi {

	/** The sequence with this name (case-insensitive). */
	Optional<Long> findSequence(String name);

	/**
	 * Starts the sequence for the partner now (day 0 = now); a stopped enrolment resumes
	 * where it stopped. False when he is enrolled and running already. Steps already sent
	 * are never sent again.
	 */
	boolean start(long sequenceId, long partnerId);

	/**
	 * Stops his enrolment: no further steps are sent. False when he was not enrolled or
	 * already stopped.
	 */
	boolean stop(long sequenceId, long partnerId);

}
