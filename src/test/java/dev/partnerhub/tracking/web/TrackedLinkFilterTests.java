package dev.partnerhub.tracking.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tracked links the front filter answers itself; the rest go to the controller. */
class TrackedLinkFilterTests {

	@Test
	void plainCodesAreTakenAsTheyAre() {
		assertThat(TrackedLinkFilter.plainCode("/r/jane-1", 0)).isEqualTo("jane-1");
		assertThat(TrackedLinkFilter.plainCode("/app/r/Jane_2.x~", 4)).isEqualTo("Jane_2.x~");
		assertThat(TrackedLinkFilter.plainCode("/r/" + "a".repeat(40), 0)).hasSize(40);
	}

	@Test
	void anythingThatNeedsDecodingOrNormalisingGoesDownTheChain() {
		assertThat(TrackedLinkFilter.plainCode("/r/", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/" + "a".repeat(41), 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/%41na", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/jane;jsessionid=1", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/jane/x", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/..", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/.jane", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/rx/jane", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/admin/r/jane", 0)).isNull();
		assertThat(TrackedLinkFilter.plainCode("/r/j\u00e9", 0)).isNull();
	}

}
