package dev.partnerhub.orders;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListener;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static dev.partnerhub.orders.OrderFixtures.item;
import static dev.partnerhub.orders.OrderFixtures.order;
import static dev.partnerhub.orders.OrderFixtures.read;
import static dev.partnerhub.orders.OrderFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Later modules (rollups, automation) learn about orders and commissions from these
 * events, after commit. Recorded by an after-commit listener on the context, not
 * {@code @RecordApplicationEvents}: a new order is written (and its events published) by
 * a group-commit writer thread, which the test thread's recorder would not see.
 */
@IntegrationTest
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
	ConfigurableApplicationContext context;

	final List<Object> committed = new CopyOnWriteArrayList<>();

	final ApplicationListener<?> recorder = TransactionalApplicationListener.forPayload(TransactionPhase.AFTER_COMMIT,
			this.committed::add);

	@BeforeEach
	void record() {
		this.context.addApplicationListener(this.recorder);
	}

	@AfterEach
	void stopRecording() {
		this.context.removeApplicationListener(this.recorder);
	}

	<T> Stream<T> events(Class<T> type) {
		return this.committed.stream().filter(type::isInstance).map(type::cast);
	}

	@Test
	void orderCommissionsAndRefundsArePublishedOnceEach() throws Exception {
		OrderFixtures f = new OrderFixtures(this.programs, this.partners, this.contacts, this.mvc);
		ProductSummary a = f.product("10.00");
		ProgramSummary program = f.program(2, Rate.percent("10"), Rate.percent("5"));
		PartnerSummary parent = f.partner(program);
		PartnerSummary partner = f.partner(program, parent, PartnerStatus.APPROVED);
		String orderId = unique("o-");
		String body = order(orderId, unique("ev") + "@customers.example.com", partner.code(),
				item(a.sku(), 1, "10.00"));
		MvcResult placed = f.postOrder(body).andReturn();
		f.postOrder(body);

		assertThat(events(OrderPlaced.class).filter(e -> e.externalOrderId().equals(orderId))).hasSize(1);
		List<Integer> ids = read(placed, "$.commissions[*].id");
		assertThat(events(CommissionCreated.class).map(e -> (int) e.commissionId())).containsExactlyElementsOf(ids);

		f.post("/api/v1/orders/" + orderId + "/refunds", "{\"refundId\": \"r1\", \"amount\": \"4.00\"}");
		assertThat(events(CommissionsRefunded.class)).singleElement()
			.satisfies(e -> assertThat(e.commissionIds()).map(Long::intValue).containsExactlyElementsOf(ids));
	}

}
