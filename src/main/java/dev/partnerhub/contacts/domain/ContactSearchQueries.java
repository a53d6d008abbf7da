package dev.partnerhub.contacts.domain;

import java.util.Map;

import dev.partnerhub.support.AggregatePages;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.stereotype.Component;

/**
 * Search by name or e-mail (a case-insensitive match over several columns, which no
 * derived query expresses).
 */
@Component
class ContactSearchQueries {

	private static final String SEARCH = """
			from contact
			where :term = ''
			   or lower(email) like '%' || :term || '%'
			   or lower(first_name || ' ' || last_name) like '%' || :term || '%'
			""";

	private final AggregatePages pages;

	ContactSearchQueries(AggregatePages pages) {
		this.pages = pages;
	}

	/**
	 * @param term lower case; empty lists everyone
	 */
	Page<Contact> search(String term, Pageable pageable) {
		return this.pages.page(Contact.class, SEARCH, Map.of("term", term), pageable);
	}

	/**
	 * The same search without counting, for exports that walk every match a slice at a
	 * time.
	 */
	Slice<Contact> searchSlice(String term, Pageable pageable) {
		return this.pages.slice(Contact.class, SEARCH, Map.of("term", term), pageable);
	}

}
