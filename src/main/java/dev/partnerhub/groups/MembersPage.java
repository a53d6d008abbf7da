package dev.partnerhub.groups;

import java.util.List;

/** One page of a group's members (page numbers from 0). */
public record MembersPage(List<GroupMember> items, int page, int size, long total) {
}
