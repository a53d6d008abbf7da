package dev.partnerhub.support.web;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Resolves every {@link Pageable} controller parameter, and a {@link Sort} one marked
 * {@link ListPage}, from the request's {@code page}, {@code size} and {@code sort}
 * through {@link ListParams}. It takes the place of Spring Data's resolvers, whose
 * {@code SortHandlerMethodArgumentResolver} URL-decodes {@code sort} a second time (the
 * container already decoded it) and throws on a {@code %} ({@code sort=%Px} was a 500),
 * and which accept any property as a sort key. Put first among the custom resolvers so
 * that Spring Data's never see these parameters.
 */
@Component
class ListPageResolver implements HandlerMethodArgumentResolver, WebMvcConfigurer {

	@Override
	public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
		resolvers.add(0, this);
	}

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		Class<?> type = parameter.getParameterType();
		return type == Pageable.class || (type == Sort.class && parameter.hasParameterAnnotation(ListPage.class));
	}

	@Override
	public Object resolveArgument(MethodParameter parameter, @Nullable ModelAndViewContainer mavContainer,
			NativeWebRequest request, @Nullable WebDataBinderFactory binderFactory) {
		ListPage list = parameter.getParameterAnnotation(ListPage.class);
		// a Pageable without @ListPage gets the defaults and no sort keys at all
		int size = list == null ? 20 : list.size();
		int maxSize = list == null ? 100 : list.maxSize();
		Set<String> sortable = list == null ? Set.of() : Set.of(list.sortable());
		List<String> prefixes = list == null ? List.of() : List.of(list.sortablePrefixes());
		Sort fallback = ListParams.sort(list == null ? null : list.sort(), (property) -> true, Sort.unsorted());
		Sort sort = ListParams.sort(request.getParameter("sort"),
				(property) -> sortable.contains(property) || prefixes.stream().anyMatch(property::startsWith),
				fallback);
		if (parameter.getParameterType() == Sort.class) {
			return sort;
		}
		String sizeParameter = (list == null || list.sizeParameter()) ? request.getParameter("size") : null;
		return ListParams.pageable(request.getParameter("page"), sizeParameter, sort, size, maxSize);
	}

}
