package dev.partnerhub.mail;

import java.util.List;
import java.util.Optional;

/**
 * SPI for the template editor's preview: which partners can be previewed with, found by
 * code. Implemented by a module that knows partners (the mail module does not depend on
 * the partners module).
 */
public interface MergeSubjects {

	/** The partner with this code (case-insensitive) or numeric id. */
	Optional<Subject> find(String codeOrId);

	/** A few partners to choose from, newest first. */
	List<Subject> recent(int limit);

	record Subject(long partnerId, String label, String email) {
	}

}
