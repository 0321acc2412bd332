package org.studygate.ris;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.ResourceHolder;
import org.springframework.transaction.support.ResourceHolderSupport;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One message's part of a shared transaction (decision 073): its writes under a savepoint
 * of their own, and what it hooked onto the transaction (access-log entries written just
 * before the commit, listeners run after it) in a scope of its own. When the message
 * fails, the savepoint is rolled back and its hooks are dropped with it, so a refused
 * message leaves neither rows, nor log entries, nor events in the transaction that
 * commits the others; when it succeeds, its hooks join the transaction's.
 */
final class Savepoint {

	private final TransactionTemplate nested;

	Savepoint(PlatformTransactionManager transactions) {
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * Runs the work in its own savepoint and hook scope inside the current transaction.
	 */
	<T> T run(Supplier<T> work) {
		return scoped(() -> nested.execute(status -> work.get()));
	}

	/**
	 * Runs the work in its own hook scope under the savepoint its first statement
	 * declares (decision 072: the savepoint costs no round trip of its own and is not
	 * released); when the work fails, {@code rollback} rolls the transaction back to it.
	 */
	<T> T runDeclared(Supplier<T> work, Runnable rollback) {
		return scoped(() -> {
			try {
				return work.get();
			}
			catch (RuntimeException | Error ex) {
				rollback.run();
				resetRollbackOnly();
				throw ex;
			}
		});
	}

	/**
	 * A participant that failed marked the whole transaction rollback-only; its savepoint
	 * is rolled back, so the mark is taken back as Spring does for its own savepoints.
	 */
	private static void resetRollbackOnly() {
		for (Object resource : TransactionSynchronizationManager.getResourceMap().values()) {
			if (resource instanceof ResourceHolderSupport holder) {
				holder.resetRollbackOnly();
			}
		}
	}

	private <T> T scoped(Supplier<T> work) {
		List<TransactionSynchronization> outer = TransactionSynchronizationManager.getSynchronizations();
		Map<Object, Object> setAside = setAsideHooks();
		TransactionSynchronizationManager.clearSynchronization();
		TransactionSynchronizationManager.initSynchronization();
		boolean done = false;
		try {
			T result = work.get();
			done = true;
			return result;
		}
		finally {
			List<TransactionSynchronization> own = TransactionSynchronizationManager.getSynchronizations();
			if (!done) {
				own.forEach(hook -> hook.afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK));
			}
			Map<Object, Object> ownResources = setAsideHooks();
			TransactionSynchronizationManager.clearSynchronization();
			TransactionSynchronizationManager.initSynchronization();
			outer.forEach(TransactionSynchronizationManager::registerSynchronization);
			setAside.forEach(TransactionSynchronizationManager::bindResource);
			if (done) {
				own.forEach(TransactionSynchronizationManager::registerSynchronization);
				ownResources.forEach((key, value) -> {
					if (!TransactionSynchronizationManager.hasResource(key)) {
						TransactionSynchronizationManager.bindResource(key, value);
					}
				});
			}
		}
	}

	/**
	 * Unbinds the transaction's resources that are not its connection (hooks keep their
	 * own state, e.g. the access-log entries waiting for the commit) and answers them.
	 */
	private static Map<Object, Object> setAsideHooks() {
		Map<Object, Object> setAside = new LinkedHashMap<>();
		for (Map.Entry<Object, Object> resource : new ArrayList<>(
				TransactionSynchronizationManager.getResourceMap().entrySet())) {
			if (!(resource.getValue() instanceof ResourceHolder)) {
				TransactionSynchronizationManager.unbindResource(resource.getKey());
				setAside.put(resource.getKey(), resource.getValue());
			}
		}
		return setAside;
	}

}
