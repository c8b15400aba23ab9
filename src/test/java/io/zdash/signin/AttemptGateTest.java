package io.zdash.signin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import io.zdash.JourneyTest;
import io.zdash.SubmissionRace;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The attempt gate under parallel first attempts, and never inside another transaction. */
class AttemptGateTest extends JourneyTest {

	@Autowired
	AttemptGate gate;

	@Autowired
	TransactionTemplate transactions;

	@Test
	void whenTwentyFirstAttemptsArriveAtOnceThenFiveAreCheckedAndTheRestWaitTheFullPause() throws Exception {
		String key = "race-" + UUID.randomUUID();
		List<Callable<Duration>> attempts = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			attempts.add(() -> this.gate.begin(AttemptGate.Kind.PASSWORD, key));
		}
		List<Duration> answers = SubmissionRace.atOnce(attempts);
		// A double click on a fresh key is counted like any other attempt, not refused for a second.
		assertThat(answers.stream().filter(Duration::isZero)).hasSize(5);
		assertThat(answers.stream().filter(wait -> !wait.isZero()))
			.allSatisfy(wait -> assertThat(wait).isGreaterThan(Duration.ofSeconds(25)));
		assertThat(this.gate.failures(AttemptGate.Kind.PASSWORD, key)).isEqualTo(5);
	}

	@Test
	void whenCalledInsideATransactionThenRefused() {
		assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(() -> this.transactions
			.executeWithoutResult(tx -> this.gate.begin(AttemptGate.Kind.PASSWORD, "in-a-transaction")));
	}

}
