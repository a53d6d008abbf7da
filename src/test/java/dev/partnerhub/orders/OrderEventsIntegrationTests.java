package dev.partnerhub.orders;

import java.util.List;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.commissions.CommissionCreated;
import dev.partnerhub.commissions.CommissionsRefunded;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.PartnerSummary;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProductSummary;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.order;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/** Later modules (rollups, automation) learn about orders and commissions from these events. */
@IntegrationTest
@RecordApplicationEvents
class OrderEventsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partners;

	@Autowired
	ContactService contacts;

	@Autowired
	ApplicationEvents events;

	@Test
	void orderCommissionsAndRefundsArePublishedOnceEach() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary a = f.product("10.00");
		ProgramSummary program = f.program(2, Rate.percent("10"), Rate.percent("5"));
		PartnerSummary parent = f.partner(program);
		PartnerSummary partner = f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("o-");
		String body = order(orderId, unique("ev") + "@customers.example.com", partner.code(), item(a.sku(), 1, "10.00"));
		MvcResult placed = f.postOrder(body).andReturn();
		f.postOrder(body);

		assertThat(this.events.stream(OrderPlaced.class).filter(e -> e.externalOrderId().equals(orderId))).hasSize(1);
		List<Integer> ids = read(placed, "$.commissions[*].id");
		assertThat(this.events.stream(CommissionCreated.class).map(e -> (int) e.commissionId()))
			.containsExactlyElementsOf(ids);

		f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"4.00\"}");
		assertThat(this.events.stream(CommissionsRefunded.class)).singleElement()
			.satisfies(e -> assertThat(e.commissionIds()).map(Long::intValue).containsExactlyElementsOf(ids));
	}

}
