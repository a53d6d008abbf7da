package dev.partnerhub.partners.web;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The partner list's filters as sent
 * ({@code ?program=&status=&q=&group=&access=&joinedFrom=&joinedTo=&cols=&filterBy=&atLeast=&atMost=},
 * the names the dashboard's links use too); {@link PartnerListRequest} drops what makes
 * no sense (an unknown program, status or group is no filter).
 */
record PartnerListParams(@Nullable String program, @Nullable String status, @Nullable String q, @Nullable String group,
		@Nullable String access, @Nullable List<String> cols, @Nullable String filterBy, @Nullable String atLeast,
		@Nullable String atMost, @Nullable String joinedFrom, @Nullable String joinedTo) {

}
