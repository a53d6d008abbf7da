package dev.partnerhub.programs;

import org.jspecify.annotations.Nullable;

/**
 * Per-program overrides of the public sign-up page's heading and intro. Every page that
 * shows the sign-up form (the hosted page, an embedded form) takes its words from here.
 */
public interface SignupTexts {

	int MAX_HEADING = 200;

	int MAX_INTRO = 2000;

	/**
	 * The heading (the program's own or "Become a partner of …") and the intro, if any.
	 */
	SignupText signupText(ProgramSummary program);

	/**
	 * Blank values go back to the defaults; too long ones are an InvalidInputException on
	 * {@code signupHeading} or {@code signupIntro}. Audited when they change.
	 */
	void setSignupText(long programId, @Nullable String heading, @Nullable String intro);

	/**
	 * What the sign-up page says above its form. {@code custom} when the heading is the
	 * program's own.
	 */
	record SignupText(String heading, @Nullable String intro, boolean custom) {

		public static String defaultHeading(String programName) {
			return "Become a partner of " + programName;
		}

	}

}
