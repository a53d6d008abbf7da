package dev.partnerhub.support.web;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import org.springframework.core.MethodParameter;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableHandlerMethodArgumentResolver;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ListPageResolverTests {

	private static final Sort NEWEST = Sort.by(Sort.Direction.DESC, "date");

	private final ListPageResolver resolver = new ListPageResolver();

	@Test
	void pagingFollowsTheListsDefaultsAndCaps() throws Exception {
		assertThat(page(request())).isEqualTo(PageRequest.of(0, 25, NEWEST));
		assertThat(page(request("size", "5000")).getPageSize()).isEqualTo(100);
		assertThat(page(request("size", "abc", "page", "x")).getPageSize()).isEqualTo(25);
		assertThat(page(request("size", "-1")).getPageSize()).isEqualTo(25);
		assertThat(page(request("page", "-3")).getPageNumber()).isZero();
		assertThat(page(request("page", "999999999")).getPageNumber()).isEqualTo(100_000);
		assertThat(page(request("page", "2", "size", "10")).getOffset()).isEqualTo(20);
	}

	@Test
	void onlyTheListsSortKeysAreAccepted() throws Exception {
		assertThat(page(request("sort", "amount,desc")).getSort()).isEqualTo(Sort.by(Sort.Direction.DESC, "amount"));
		assertThat(page(request("sort", "amount")).getSort()).isEqualTo(Sort.by("amount"));
		assertThat(page(request("sort", "c.amount; drop table commission")).getSort()).isEqualTo(NEWEST);
		assertThat(page(request("sort", "secret,desc")).getSort()).isEqualTo(NEWEST);
		assertThat(sort(request("sort", "amount,desc"))).isEqualTo(Sort.by(Sort.Direction.DESC, "amount"));
		assertThat(sort(request("sort", "nope"))).isEqualTo(NEWEST);
	}

	@Test
	void aPercentInTheSortIsNotDecodedAgain() throws Exception {
		// the container decoded the query once; Spring Data's resolver decodes again and
		// throws on a lone '%' (a 500 on a console list)
		MockHttpServletRequest request = request("sort", "%Px,desc");
		assertThatIllegalArgumentException().isThrownBy(() -> new PageableHandlerMethodArgumentResolver()
			.resolveArgument(parameter("list", 0), null, new ServletWebRequest(request), null));
		assertThat(page(request).getSort()).isEqualTo(NEWEST);
		assertThat(page(request("sort", "amount%2Cdesc")).getSort()).isEqualTo(NEWEST);
	}

	@Test
	void aPageableWithoutListPageIsUnsortedWithTheDefaults() throws Exception {
		Pageable pageable = (Pageable) this.resolver.resolveArgument(parameter("plain", 0), null,
				new ServletWebRequest(request("sort", "date", "size", "1000")), null);
		assertThat(pageable.getSort().isUnsorted()).isTrue();
		assertThat(pageable.getPageSize()).isEqualTo(100);
		assertThat(this.resolver.supportsParameter(parameter("plainSort", 0))).isFalse();
	}

	@Test
	void aListWithoutASizeParameterKeepsItsSize() throws Exception {
		Pageable pageable = (Pageable) this.resolver.resolveArgument(parameter("fixed", 0), null,
				new ServletWebRequest(request("size", "5", "page", "3")), null);
		assertThat(pageable.getPageSize()).isEqualTo(25);
		assertThat(pageable.getPageNumber()).isEqualTo(3);
	}

	@Test
	void aPrefixLetsThroughTheKeysTheListChecksItself() throws Exception {
		MethodParameter columns = parameter("columns", 0);
		assertThat(((Pageable) this.resolver.resolveArgument(columns, null,
				new ServletWebRequest(request("sort", "rollup:7,desc")), null))
			.getSort()).isEqualTo(Sort.by(Sort.Direction.DESC, "rollup:7"));
		assertThat(((Pageable) this.resolver.resolveArgument(columns, null,
				new ServletWebRequest(request("sort", "email")), null))
			.getSort()).isEqualTo(Sort.by("email"));
		// neither a listed key nor the prefix: the default, here none (the list picks it)
		assertThat(((Pageable) this.resolver.resolveArgument(columns, null,
				new ServletWebRequest(request("sort", "secret:7")), null))
			.getSort()
			.isUnsorted()).isTrue();
	}

	private Pageable page(MockHttpServletRequest request) throws Exception {
		return (Pageable) this.resolver.resolveArgument(parameter("list", 0), null, new ServletWebRequest(request),
				null);
	}

	private Sort sort(MockHttpServletRequest request) throws Exception {
		return (Sort) this.resolver.resolveArgument(parameter("csv", 0), null, new ServletWebRequest(request), null);
	}

	private MethodParameter parameter(String name, int index) {
		for (Method method : Lists.class.getDeclaredMethods()) {
			if (method.getName().equals(name)) {
				MethodParameter parameter = new MethodParameter(method, index);
				assertThat(this.resolver.supportsParameter(parameter) || name.equals("plainSort")).isTrue();
				return parameter;
			}
		}
		throw new IllegalStateException(name);
	}

	private static MockHttpServletRequest request(String... nameValues) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/list");
		for (int i = 0; i < nameValues.length; i += 2) {
			request.addParameter(nameValues[i], nameValues[i + 1]);
		}
		return request;
	}

	interface Lists {

		void list(@ListPage(size = 25, maxSize = 100, sortable = { "date", "amount" },
				sort = "date,desc") Pageable pageable);

		void csv(@ListPage(sortable = { "date", "amount" }, sort = "date,desc") Sort sort);

		void fixed(@ListPage(size = 25, sizeParameter = false) Pageable pageable);

		void plain(Pageable pageable);

		void columns(@ListPage(sortable = "email", sortablePrefixes = "rollup:") Pageable pageable);

		void plainSort(Sort sort);

	}

}
